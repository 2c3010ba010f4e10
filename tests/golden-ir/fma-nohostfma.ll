; ModuleID = 'traceN'
source_filename = "traceN"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define i32 @traceN(ptr %0, ptr %1) {
entry:
  %t = alloca i32, align 4
  %t1 = alloca i64, align 8
  %t2 = alloca i64, align 8
  %t3 = alloca i64, align 8
  %t4 = alloca i64, align 8
  %t5 = alloca i64, align 8
  %t6 = alloca i256, align 8
  %g = alloca i64, align 8
  %g7 = alloca i32, align 4
  %g8 = alloca i32, align 4
  %g9 = alloca i32, align 4
  %g10 = alloca i32, align 4
  %g11 = alloca i64, align 8
  %g12 = alloca i64, align 8
  %g13 = alloca i64, align 8
  %g14 = alloca i64, align 8
  %g15 = alloca i64, align 8
  %steps = alloca i32, align 4
  store i32 0, ptr %steps, align 4
  %2 = getelementptr i8, ptr %0, i64 3192
  %3 = load i64, ptr %2, align 4
  %4 = icmp ne i64 %3, 0
  %5 = getelementptr i8, ptr %0, i64 3200
  %6 = load i256, ptr %5, align 4
  %7 = icmp ne i256 %6, 0
  %8 = or i1 %4, %7
  %9 = getelementptr i8, ptr %0, i64 3232
  %10 = load i128, ptr %9, align 4
  %11 = icmp ne i128 %10, 0
  %12 = or i1 %8, %11
  %13 = getelementptr i8, ptr %0, i64 3960
  %14 = load i64, ptr %13, align 4
  %15 = icmp ne i64 %14, 0
  %16 = or i1 %12, %15
  %17 = getelementptr i8, ptr %0, i64 3968
  %18 = load i256, ptr %17, align 4
  %19 = icmp ne i256 %18, 0
  %20 = or i1 %16, %19
  %21 = getelementptr i8, ptr %0, i64 4000
  %22 = load i128, ptr %21, align 4
  %23 = icmp ne i128 %22, 0
  %24 = or i1 %20, %23
  br i1 %24, label %not_entered, label %entered

not_entered:                                      ; preds = %entry
  %25 = getelementptr i8, ptr %1, i64 4
  store i32 0, ptr %25, align 4
  ret i32 3

entered:                                          ; preds = %entry
  %26 = getelementptr i8, ptr %0, i64 64
  %27 = load i64, ptr %26, align 4
  store i64 %27, ptr %g, align 4
  %28 = getelementptr i8, ptr %0, i64 540
  %29 = load i32, ptr %28, align 4
  store i32 %29, ptr %g7, align 4
  %30 = getelementptr i8, ptr %0, i64 536
  %31 = load i32, ptr %30, align 4
  store i32 %31, ptr %g8, align 4
  %32 = getelementptr i8, ptr %0, i64 528
  %33 = load i32, ptr %32, align 4
  store i32 %33, ptr %g9, align 4
  %34 = getelementptr i8, ptr %0, i64 532
  %35 = load i32, ptr %34, align 4
  store i32 %35, ptr %g10, align 4
  %36 = getelementptr i8, ptr %0, i64 320
  %37 = load i64, ptr %36, align 4
  store i64 %37, ptr %g11, align 4
  %38 = getelementptr i8, ptr %0, i64 3184
  %39 = load i64, ptr %38, align 4
  store i64 %39, ptr %g12, align 4
  %40 = getelementptr i8, ptr %0, i64 3440
  %41 = load i64, ptr %40, align 4
  store i64 %41, ptr %g13, align 4
  %42 = getelementptr i8, ptr %0, i64 3696
  %43 = load i64, ptr %42, align 4
  store i64 %43, ptr %g14, align 4
  %44 = getelementptr i8, ptr %0, i64 3952
  %45 = load i64, ptr %44, align 4
  store i64 %45, ptr %g15, align 4
  br label %pc_HEAD+0

pc_HEAD+0:                                        ; preds = %L16, %entered
  %46 = load i32, ptr %steps, align 4
  %47 = call i32 asm "", "=r,0"(i32 %46)
  store i32 %47, ptr %steps, align 4
  %48 = getelementptr i8, ptr %0, i64 -8
  %49 = load volatile i32, ptr %48, align 4
  store i32 %49, ptr %t, align 4
  %50 = load i32, ptr %t, align 4
  %51 = icmp slt i32 %50, 0
  br i1 %51, label %L, label %52

52:                                               ; preds = %pc_HEAD+0
  %53 = ptrtoint ptr %0 to i64
  %54 = add i64 %53, 12072
  store i64 %54, ptr %t1, align 4
  %55 = load i64, ptr %g13, align 4
  store i64 %55, ptr %t2, align 4
  %56 = load i64, ptr %g14, align 4
  store i64 %56, ptr %t3, align 4
  %57 = load i64, ptr %g12, align 4
  store i64 %57, ptr %t4, align 4
  %58 = load i64, ptr %t4, align 4
  %59 = xor i64 %58, -9223372036854775808
  store i64 %59, ptr %t4, align 4
  %60 = load i64, ptr %t2, align 4
  %61 = xor i64 %60, -9223372036854775808
  store i64 %61, ptr %t2, align 4
  %62 = load i64, ptr %t2, align 4
  %63 = load i64, ptr %t3, align 4
  %64 = load i64, ptr %t4, align 4
  %65 = load i64, ptr %t1, align 4
  %66 = inttoptr i64 %65 to ptr
  store volatile i32 0, ptr %1, align 4
  %67 = getelementptr i8, ptr %0, i64 64
  %68 = load i64, ptr %g, align 4
  store i64 %68, ptr %67, align 4
  %69 = getelementptr i8, ptr %0, i64 540
  %70 = load i32, ptr %g7, align 4
  store i32 %70, ptr %69, align 4
  %71 = getelementptr i8, ptr %0, i64 536
  %72 = load i32, ptr %g8, align 4
  store i32 %72, ptr %71, align 4
  %73 = getelementptr i8, ptr %0, i64 528
  %74 = load i32, ptr %g9, align 4
  store i32 %74, ptr %73, align 4
  %75 = getelementptr i8, ptr %0, i64 532
  %76 = load i32, ptr %g10, align 4
  store i32 %76, ptr %75, align 4
  %77 = call i64 inttoptr (i64 HOSTADDR to ptr)(i64 %62, i64 %63, i64 %64, ptr %66)
  %78 = getelementptr i8, ptr %0, i64 64
  %79 = load i64, ptr %78, align 4
  store i64 %79, ptr %g, align 4
  %80 = getelementptr i8, ptr %0, i64 540
  %81 = load i32, ptr %80, align 4
  store i32 %81, ptr %g7, align 4
  %82 = getelementptr i8, ptr %0, i64 536
  %83 = load i32, ptr %82, align 4
  store i32 %83, ptr %g8, align 4
  %84 = getelementptr i8, ptr %0, i64 528
  %85 = load i32, ptr %84, align 4
  store i32 %85, ptr %g9, align 4
  %86 = getelementptr i8, ptr %0, i64 532
  %87 = load i32, ptr %86, align 4
  store i32 %87, ptr %g10, align 4
  %88 = getelementptr i8, ptr %0, i64 320
  %89 = load i64, ptr %88, align 4
  store i64 %89, ptr %g11, align 4
  store i64 %77, ptr %t5, align 4
  %90 = load i64, ptr %t5, align 4
  store i64 %90, ptr %g12, align 4
  store i256 0, ptr %t6, align 4
  %91 = load i64, ptr %g13, align 4
  store i64 %91, ptr %t5, align 4
  %92 = load i64, ptr %t5, align 4
  %93 = getelementptr i8, ptr %0, i64 12072
  %94 = getelementptr i8, ptr %93, i64 0
  %95 = load i16, ptr %94, align 2
  %96 = getelementptr i8, ptr %93, i64 2
  %97 = load i8, ptr %96, align 1
  %98 = icmp eq i8 %97, 0
  %99 = and i16 %95, 16
  %100 = icmp ne i16 %99, 0
  %101 = and i1 %100, %98
  %102 = and i64 %92, 9223372036854775807
  %103 = icmp eq i64 %102, 0
  %104 = and i64 %92, 9223372036854775807
  %105 = sub i64 %104, 4503599627370496
  %106 = icmp ult i64 %105, 9214364837600034816
  %107 = or i1 %106, %103
  %108 = and i1 %101, %107
  %109 = icmp sge i64 %92, 0
  %110 = and i1 %108, %109
  %111 = bitcast i64 %92 to double
  %112 = call double @llvm.sqrt.f64(double %111)
  %113 = bitcast double %112 to i64
  br i1 %110, label %fp_done, label %fp_soft

L:                                                ; preds = %pc_HEAD+0
  %114 = getelementptr i8, ptr %0, i64 64
  %115 = load i64, ptr %g, align 4
  store i64 %115, ptr %114, align 4
  %116 = getelementptr i8, ptr %0, i64 540
  %117 = load i32, ptr %g7, align 4
  store i32 %117, ptr %116, align 4
  %118 = getelementptr i8, ptr %0, i64 536
  %119 = load i32, ptr %g8, align 4
  store i32 %119, ptr %118, align 4
  %120 = getelementptr i8, ptr %0, i64 528
  %121 = load i32, ptr %g9, align 4
  store i32 %121, ptr %120, align 4
  %122 = getelementptr i8, ptr %0, i64 532
  %123 = load i32, ptr %g10, align 4
  store i32 %123, ptr %122, align 4
  %124 = getelementptr i8, ptr %0, i64 3184
  %125 = load i64, ptr %g12, align 4
  store i64 %125, ptr %124, align 4
  %126 = getelementptr i8, ptr %0, i64 3952
  %127 = load i64, ptr %g15, align 4
  store i64 %127, ptr %126, align 4
  %128 = getelementptr i8, ptr %0, i64 320
  store i64 HEAD+0, ptr %128, align 4
  %129 = getelementptr i8, ptr %1, i64 4
  %130 = load i32, ptr %steps, align 4
  store i32 %130, ptr %129, align 4
  ret i32 2

fp_soft:                                          ; preds = %52
  store volatile i32 1, ptr %1, align 4
  %131 = call i64 inttoptr (i64 HOSTADDR to ptr)(i64 %92, ptr %0)
  br label %fp_done

fp_done:                                          ; preds = %fp_soft, %52
  %132 = phi i64 [ %113, %52 ], [ %131, %fp_soft ]
  store i64 %132, ptr %t1, align 4
  %133 = load i64, ptr %t1, align 4
  store i64 %133, ptr %g15, align 4
  %134 = load i64, ptr %g, align 4
  %135 = sub i64 %134, 1
  store i64 %135, ptr %t1, align 4
  %136 = load i64, ptr %t1, align 4
  %137 = load i64, ptr %t1, align 4
  %138 = trunc i64 %137 to i32
  store i32 %138, ptr %g7, align 4
  %139 = load i64, ptr %t1, align 4
  %140 = lshr i64 %139, 32
  store i64 %140, ptr %t3, align 4
  %141 = load i64, ptr %t3, align 4
  %142 = load i64, ptr %t3, align 4
  %143 = trunc i64 %142 to i32
  store i32 %143, ptr %g8, align 4
  %144 = icmp ne i64 %136, 0
  %zf = zext i1 %144 to i32
  store i32 %zf, ptr %g7, align 4
  %145 = load i64, ptr %g, align 4
  %146 = icmp uge i64 %145, 1
  %147 = zext i1 %146 to i64
  store i64 %147, ptr %t2, align 4
  %148 = load i64, ptr %t2, align 4
  %149 = load i64, ptr %t2, align 4
  %150 = trunc i64 %149 to i32
  store i32 %150, ptr %g9, align 4
  %151 = load i64, ptr %g, align 4
  %152 = load i64, ptr %t1, align 4
  %153 = xor i64 %152, %151
  store i64 %153, ptr %t2, align 4
  %154 = load i64, ptr %g, align 4
  %155 = xor i64 %154, 1
  store i64 %155, ptr %t3, align 4
  %156 = load i64, ptr %t3, align 4
  %157 = load i64, ptr %t2, align 4
  %158 = and i64 %157, %156
  store i64 %158, ptr %t2, align 4
  %159 = load i64, ptr %t2, align 4
  %160 = lshr i64 %159, 32
  store i64 %160, ptr %t3, align 4
  %161 = load i64, ptr %t3, align 4
  %162 = load i64, ptr %t3, align 4
  %163 = trunc i64 %162 to i32
  store i32 %163, ptr %g10, align 4
  %164 = load i64, ptr %t1, align 4
  store i64 %164, ptr %t5, align 4
  %165 = load i64, ptr %t5, align 4
  store i64 %165, ptr %g, align 4
  %166 = load i32, ptr %g7, align 4
  %167 = icmp ne i32 %166, 0
  br i1 %167, label %L16, label %168

168:                                              ; preds = %fp_done
  store i64 HEAD+16, ptr %g11, align 4
  %169 = getelementptr i8, ptr %0, i64 64
  %170 = load i64, ptr %g, align 4
  store i64 %170, ptr %169, align 4
  %171 = getelementptr i8, ptr %0, i64 540
  %172 = load i32, ptr %g7, align 4
  store i32 %172, ptr %171, align 4
  %173 = getelementptr i8, ptr %0, i64 536
  %174 = load i32, ptr %g8, align 4
  store i32 %174, ptr %173, align 4
  %175 = getelementptr i8, ptr %0, i64 528
  %176 = load i32, ptr %g9, align 4
  store i32 %176, ptr %175, align 4
  %177 = getelementptr i8, ptr %0, i64 532
  %178 = load i32, ptr %g10, align 4
  store i32 %178, ptr %177, align 4
  %179 = getelementptr i8, ptr %0, i64 320
  %180 = load i64, ptr %g11, align 4
  store i64 %180, ptr %179, align 4
  %181 = getelementptr i8, ptr %0, i64 3184
  %182 = load i64, ptr %g12, align 4
  store i64 %182, ptr %181, align 4
  %183 = getelementptr i8, ptr %0, i64 3952
  %184 = load i64, ptr %g15, align 4
  store i64 %184, ptr %183, align 4
  %185 = getelementptr i8, ptr %1, i64 4
  %186 = load i32, ptr %steps, align 4
  store i32 %186, ptr %185, align 4
  ret i32 1

L16:                                              ; preds = %fp_done
  %187 = load i32, ptr %steps, align 4
  %188 = add i32 %187, 1
  store i32 %188, ptr %steps, align 4
  br label %pc_HEAD+0

dead:                                             ; No predecessors!
  unreachable

dead17:                                           ; No predecessors!
  unreachable

dead18:                                           ; No predecessors!
  unreachable
}

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare double @llvm.sqrt.f64(double) #0

attributes #0 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }

